"""Audit: the append-only, hash-chained log of every act of the office."""
