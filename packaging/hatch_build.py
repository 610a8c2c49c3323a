"""Hatch build hook: compile the content pack from data/content into every (non-editable) wheel.

An editable install runs from the source tree, where `make` keeps src/matrixdesk/data/ up to date.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PackBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":
            return
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        from matrixdesk.authoring.compiler import build_pack
        from matrixdesk.core.schema import PACK_FILENAME

        self._scratch = tempfile.TemporaryDirectory()
        pack = Path(self._scratch.name) / PACK_FILENAME
        problems = build_pack(root / "data" / "content", pack)
        if problems:
            details = "\n".join(str(problem) for problem in problems)
            raise RuntimeError(f"the content pack has problems:\n{details}")
        build_data["force_include"][str(pack)] = f"matrixdesk/data/{PACK_FILENAME}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if version != "editable":
            self._scratch.cleanup()
