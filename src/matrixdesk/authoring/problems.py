"""Problems found in content sources, each pinned to a file and line an editor can jump to."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: Path
    line: int
    """1-based; 0 for a problem with a path as a whole (such as where a pack is written)."""
    message: str
    warning: bool = False
    """Something for the editor to look at (such as a link target an import could not know),
    reported by `check` and `build` but no reason not to build."""

    def __str__(self) -> str:
        line = f":{self.line}" if self.line else ""
        kind = "warning: " if self.warning else ""
        return f"{_display_path(self.path)}{line}: {kind}{self.message}"


@dataclass
class ProblemLog:
    """Collects every problem of a run, so one `check` reports them all instead of the first."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message))

    def warn(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message, warning=True))

    def __bool__(self) -> bool:
        """Whether there is an error: warnings alone do not stop a build."""
        return any(not problem.warning for problem in self.problems)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if not problem.warning]


def _display_path(path: Path) -> str:
    """Relative to the working directory when inside it: shorter, and clickable in editors."""
    absolute = path.absolute()
    return str(
        absolute.relative_to(Path.cwd()) if absolute.is_relative_to(Path.cwd()) else absolute
    )
