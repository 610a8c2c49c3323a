"""The matrix-specific Markdown syntax, on synthetic test content (never shipped)."""

from __future__ import annotations

from pathlib import Path

from matrixdesk.authoring.problems import ProblemLog
from matrixdesk.authoring.render import FragmentRenderer, Rendered
from matrixdesk.authoring.sources import Fragment


def _render(markdown: str) -> tuple[Rendered, ProblemLog]:
    problems = ProblemLog()
    fragment = Fragment(Path("synthetic.md"), tuple(markdown.splitlines()), 10)
    return FragmentRenderer().render(fragment, "alcohol", "B5", problems), problems


def test_folded_extra_and_supplementary_text_become_their_own_blocks() -> None:
    rendered, problems = _render(
        "Synthetic opening paragraph.\n\n"
        "::: extra\nSynthetic extra text.\n\nSecond paragraph.\n:::\n\n"
        "::: supplementary\nSynthetic supplementary text.\n:::\n"
    )
    assert not problems
    assert [b.kind for b in rendered.blocks] == ["paragraph", "extra", "supplementary"]
    assert rendered.blocks[1].text == "Synthetic extra text. Second paragraph."
    assert rendered.blocks[1].html.startswith('<div class="extra">')


def test_links_are_rewritten_to_internal_addresses() -> None:
    rendered, problems = _render(
        "See [cell A4](cell:A4), [the drug cell](cell:drug/B5), [a study](entry:some-study), "
        "[a heading](#some-heading) and [the web](https://example.org/synthetic)."
    )
    assert not problems
    assert [link.target.address for link in rendered.links] == [
        "matrixdesk:/alcohol/A4",
        "matrixdesk:/drug/B5",
        "matrixdesk:/alcohol/B5/entry/some-study",
        "matrixdesk:/alcohol/B5#some-heading",
        "https://example.org/synthetic",
    ]
    assert 'href="matrixdesk:/drug/B5"' in rendered.html


def test_raw_html_is_refused_and_never_passed_through() -> None:
    rendered, problems = _render("A <script>synthetic()</script> tag &amp; an entity.")
    assert "<script>" not in rendered.html
    assert [problem.message[:24] for problem in problems.sorted()] == ["HTML ('<script>') is not"]
    shown, problems = _render("A `<script>` tag, in a code span, is text.")
    assert not problems and "<code>&lt;script&gt;</code>" in shown.html


def test_syntax_mistakes_are_reported_with_their_lines() -> None:
    _, problems = _render(
        "Text.\n\n::: sidebar\nSynthetic.\n:::\n\n[x](ftp://nowhere)\n\n::: panel T\nopen"
    )
    messages = [str(p) for p in problems.sorted()]
    assert (
        "synthetic.md:12: unknown container '::: sidebar' "
        "(use one of: pullquote, panel, extra, supplementary)" in messages
    )
    assert any(
        m.startswith("synthetic.md:16: unknown link target 'ftp://nowhere'") for m in messages
    )
    assert (
        "synthetic.md:18: this container is never closed: add a ':::' line after its text"
        in messages
    )
