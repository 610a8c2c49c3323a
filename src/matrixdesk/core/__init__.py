"""The Qt-free core: pack schema, read-only content queries and internal addresses."""
