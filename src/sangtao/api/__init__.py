"""The HTTP API (django-ninja): e-filing and the caller's portfolio."""
