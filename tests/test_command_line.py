"""How the command line is read: the reader alone is started without building the parsers of
every command (they cost milliseconds before the first paint), and anything else is read, and
refused, by the whole parser exactly as before."""

from __future__ import annotations

import pytest

from matrixdesk import app


@pytest.fixture
def parsers_built(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    built: list[bool] = []
    build = app.build_parser

    def recording(with_commands: bool = True):  # type: ignore[no-untyped-def]
        built.append(with_commands)
        return build(with_commands)

    monkeypatch.setattr(app, "build_parser", recording)
    return built


def test_the_reader_alone_is_read_without_the_commands(parsers_built: list[bool]) -> None:
    args = app._parse(["--open", "alcohol/B5", "--config-dir", "somewhere", "--portable"])
    assert args.command is None and str(args.open).endswith("alcohol/B5")
    assert parsers_built == [False]


def test_a_command_is_read_by_the_whole_parser(parsers_built: list[bool]) -> None:
    args = app._parse(["--pack", "p.sqlite", "info"])
    assert args.command == "info"
    assert parsers_built == [True]


@pytest.mark.parametrize(
    "arguments", [["--open", "nowhere/Z9"], ["--bogus"], ["--open"], ["--help"]]
)
def test_what_the_reader_cannot_take_is_said_with_the_whole_usage(
    arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        app._parse(arguments)
    captured = capsys.readouterr()
    assert "COMMAND ..." in captured.out + captured.err  # the usage names the commands
