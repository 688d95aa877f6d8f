"""Django settings for Sáng Tạo, read from environment variables (Healthchecks style).

``DB=postgres`` switches from the embedded SQLite database to PostgreSQL
(``DB_HOST``, ``DB_PORT``, ``DB_NAME``, ``DB_USER``, ``DB_PASSWORD``).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("SANGTAO_DATA_DIR", Path.cwd() / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("DEBUG", False)
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789"
)
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "sangtao.office.accounts",
    "sangtao.office.audit",
    "sangtao.office.filing",
    "sangtao.office.procedure",
    "sangtao.office.backoffice",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sangtao.config.urls"
WSGI_APPLICATION = "sangtao.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

if os.environ.get("DB", "sqlite") == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "HOST": os.environ.get("DB_HOST", "127.0.0.1"),
            "PORT": os.environ.get("DB_PORT", "5432"),
            "NAME": os.environ.get("DB_NAME", "postgres"),
            "USER": os.environ.get("DB_USER", "postgres"),
            "PASSWORD": os.environ.get("DB_PASSWORD", ""),
            "CONN_MAX_AGE": int(os.environ.get("DB_CONN_MAX_AGE", "0")),
            "TEST": {"NAME": os.environ.get("DB_TEST_NAME", "test_sangtao")},
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("DB_NAME", str(DATA_DIR / "sangtao.sqlite3")),
            # IMMEDIATE takes the write lock at BEGIN, so concurrent filers queue
            # instead of failing with "database is locked" on lock upgrade.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 30},
            # A file, not memory, so that concurrency tests see real locking.
            "TEST": {"NAME": str(DATA_DIR / f"test_sangtao_{os.getpid()}.sqlite3")},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "backoffice:home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = Path(os.environ.get("SANGTAO_MEDIA_ROOT", DATA_DIR / "media"))

# The analytical corpus (Parquet) and its search index (tantivy + vectors).
SANGTAO_CORPUS_DIR = Path(os.environ.get("SANGTAO_CORPUS_DIR", DATA_DIR / "corpus"))
SANGTAO_SEARCH_INDEX = Path(os.environ.get("SANGTAO_SEARCH_INDEX", SANGTAO_CORPUS_DIR / "index"))

# Landscape and index runs (one folder per `sangtao landscape build --out` or
# `sangtao index build|report --out`), shown in the back office; the example index specs
# and published PII results shipped in the source tree (absent from an installed wheel).
SANGTAO_LANDSCAPE_DIR = Path(os.environ.get("SANGTAO_LANDSCAPE_DIR", DATA_DIR / "landscapes"))
SANGTAO_INDICES_DIR = Path(os.environ.get("SANGTAO_INDICES_DIR", DATA_DIR / "indices"))
SANGTAO_EXAMPLES_DIR = Path(
    os.environ.get("SANGTAO_EXAMPLES_DIR", PACKAGE_DIR.parent.parent / "examples")
)

# E-filing limits (bytes); the office accepts these media types only.
SANGTAO_MAX_FILE_BYTES = int(os.environ.get("SANGTAO_MAX_FILE_BYTES", str(20 * 1024 * 1024)))
SANGTAO_MAX_REQUEST_BYTES = int(os.environ.get("SANGTAO_MAX_REQUEST_BYTES", str(60 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = SANGTAO_MAX_REQUEST_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
