"""law/vn."""
