"""How much of the matrices a pack holds, in a sentence: said where a reader might otherwise
conclude the matrices say nothing about something (no search results, the first start)."""

from __future__ import annotations

from matrixdesk.core.views import CellSummary, MatrixView


def coverage_sentence(
    held: tuple[CellSummary, ...], total: int, matrices: tuple[MatrixView, ...]
) -> str:
    names = {matrix.key: matrix.name for matrix in matrices}
    if len(held) == total:
        return f"This pack holds all {total} cells of the matrices in full."
    listed = ", ".join(f"{names.get(cell.matrix, cell.matrix)} {cell.code}" for cell in held[:6])
    more = f" and {len(held) - 6} more" if len(held) > 6 else ""
    holds = f"{len(held)} of the {total} cells in full ({listed}{more})" if held else "no cell"
    return (
        f"This pack holds {holds}; the others are listed by title only, each with its web "
        "address, so the matrices may say more online than here."
    )
