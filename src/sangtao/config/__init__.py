"""Django project configuration: settings, URLs, WSGI."""
