"""Sáng Tạo: an open platform for an industrial-property office and its ministry."""

__version__ = "0.1.0"
