"""Simitra settings: one file, read from the environment.

Defaults suit a developer's machine (SQLite under ./data); production sets DATABASE_URL,
SECRET_KEY, ALLOWED_HOSTS and leaves DEBUG off.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from simitra.lib.oidc import providers_from_environment

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


# pytest imports this module through pytest-django; tests get fast, deterministic settings.
TESTING = "pytest" in sys.modules

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "simitra-insecure-development-key-never-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Demo accounts (made by `manage.py load_demo`) may log in only on a development server,
# or where an operator says so explicitly.
DEMO_LOGIN_ALLOWED = DEBUG or TESTING or env_bool("SIMITRA_DEMO", False)

DATA_DIR = Path(env_str("SIMITRA_DATA_DIR", str(BASE_DIR / "data")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "template_partials",
    "bootstrap",
    "chartkick.django",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Simitra, lowest layer first: later apps may import earlier ones, never the reverse.
    "simitra.pagecache",
    "simitra.accounts",
    "simitra.reference",
    "simitra.organisations",
    "simitra.partnerships",
    "simitra.scoping",
    "simitra.resources",
    "simitra.planning",
    "simitra.agreements",
    "simitra.governance",
    "simitra.results",
    "simitra.risks",
    "simitra.health",
    "simitra.early_warning",
    "simitra.evaluations",
    "simitra.portfolio",
    "simitra.knowledge",
    "simitra.notifications",
    "simitra.regional",
    "simitra.reports",
    "simitra.interop",
    "simitra.api",
    "simitra.field",
    "simitra.webhooks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "simitra.accounts.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simitra.accounts.middleware.UserLanguageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simitra.accounts.middleware.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "simitra.field.middleware.clear_device_on_logout",
]

ROOT_URLCONF = "simitra.urls"

# The release this server runs: the installable app's service worker carries it, so a new
# release replaces the copies on the devices. Defaults to the package's version.
SIMITRA_RELEASE = env_str("SIMITRA_RELEASE", "0.1.0")
WSGI_APPLICATION = "simitra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "simitra.accounts.context_processors.site",
                "simitra.partnerships.context_processors.navigation",
                "simitra.notifications.context_processors.unread",
                # Last: a page being kept (simitra/pagecache) gets a placeholder for its token.
                "simitra.pagecache.pages.csrf_placeholder",
            ],
            "builtins": ["simitra.lib.templatetags.simitra", "rules.templatetags.rules"],
        },
    }
]

FORM_RENDERER = "simitra.lib.forms.SimitraFormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'simitra.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers carry on while one writer writes; IMMEDIATE avoids lock upgrades.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "simitra.accounts.backends.SimitraModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AXES_ENABLED = env_bool("AXES_ENABLED", not TESTING)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]

# Single sign-on and two-factor log-in (django-allauth). Our own log-in page (/akun/masuk/)
# takes the password and hands the user to allauth's log-in stages, so the authenticator-code
# step (allauth.mfa) follows it as it follows a single sign-on. Local sign-up stays closed:
# accounts are made by invitation, by an admin, or by a first single sign-on.
ACCOUNT_ADAPTER = "simitra.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "simitra.accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*"]
ACCOUNT_UNIQUE_EMAIL = True
# Addresses are trusted only as the identity provider vouches for them (email_verified).
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
SOCIALACCOUNT_AUTO_SIGNUP = True
# An identity provider's verified address signs in (and links) the account with that address.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
# Providers come from the environment (simitra/lib/oidc.py) and from the admin (Social
# applications, provider "openid_connect"); both are listed on the log-in page.
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "APPS": providers_from_environment(os.environ),
        "OAUTH_PKCE_ENABLED": True,
    }
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("SIMITRA_MFA_ISSUER", "Simitra")
# Platform admins (staff, superusers) must set up an authenticator app before anything else.
# Off by default in the test suite, where many tests sign admins in directly; the tests of
# the rule switch it on. Demo accounts on a development server are spared (no authenticator).
SIMITRA_MFA_REQUIRED_FOR_ADMINS = env_bool("SIMITRA_MFA_REQUIRED_FOR_ADMINS", not TESTING)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "simitra_language"
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# One display format for dates per language, ISO in every date input: simitra/formats/.
FORMAT_MODULE_PATH = ["simitra.formats"]
# Decimals always follow the language (Django's own id/en formats: 2,5 / 2.5). Thousands are
# grouped only where a number is meant for reading — `{{ value|number }}`, `|money`,
# `simitra.lib.numbers` — never by default, because templates also print years, ids, page
# numbers and data attributes, and number inputs stay unlocalized (they show and accept
# 1250000.5 in both languages).
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded evidence, scans and attachments: checked for type by each form; size capped here.
SIMITRA_MAX_UPLOAD_BYTES = env_int("SIMITRA_MAX_UPLOAD_MB", 10) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Simitra <noreply@simitra.local>")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Kept pages (simitra/pagecache): the busiest signed-in pages are rendered once per user,
# address, language and day and served again until the data changes (any write, by any
# process, moves the data generation on). Kept in each web process's memory; the seconds are a
# last resort for writes made outside Simitra (0: never keep a page).
SIMITRA_PAGE_SECONDS = env_int("SIMITRA_PAGE_SECONDS", 300)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "simitra-pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("SIMITRA_PAGE_ENTRIES", 500)},
    },
}

# Personal API tokens (simitra/accounts): an expiry the user may choose, by default this many
# days ahead and never further than the maximum.
SIMITRA_API_TOKEN_DEFAULT_DAYS = env_int("SIMITRA_API_TOKEN_DEFAULT_DAYS", 90)
SIMITRA_API_TOKEN_MAX_DAYS = env_int("SIMITRA_API_TOKEN_MAX_DAYS", 365)

# The API (simitra/api): token or session auth, one error body, throttled before anything else.
# Rates are "N/second|minute|hour|day"; throttling counts in the default cache, so a site with
# several web processes sets CACHES to a shared cache (see docs/api.md).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "simitra.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "simitra.api.authentication.TokenScope",
    ],
    "DEFAULT_PAGINATION_CLASS": "simitra.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "simitra.api.filters.StableOrderingFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Bodies are JSON (with a limit on nesting); an endpoint that takes a file adds the
    # multipart parser itself, and the schema declares exactly what each operation parses.
    "DEFAULT_PARSER_CLASSES": ["simitra.api.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_THROTTLE_CLASSES": [
        "simitra.api.throttling.AnonThrottle",
        "simitra.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("SIMITRA_API_ANON_RATE", "60/minute"),
        "user": env_str("SIMITRA_API_USER_RATE", "2000/hour"),
    },
    # Client addresses come from REMOTE_ADDR unless this many proxies are declared in front.
    "NUM_PROXIES": env_int("SIMITRA_API_NUM_PROXIES", 0),
    "EXCEPTION_HANDLER": "simitra.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Simitra API",
    "DESCRIPTION": "The partnerships of this Simitra site, under the same rules as its pages.",
    "VERSION": "1",
    "LICENSE": {"name": "AGPL-3.0-or-later", "url": "https://www.gnu.org/licenses/agpl-3.0.html"},
    "CONTACT": {"name": "The operators of this Simitra site", "url": SITE_URL},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Stable names for the generated clients' enums (instead of names with a hash in them).
    "ENUM_NAME_OVERRIDES": {
        "PhaseEnum": "simitra.partnerships.models.Phase",
        "KnowledgeVisibilityEnum": "simitra.knowledge.models.Visibility",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "simitra.api.schema.add_error_responses",
        "simitra.api.schema.add_servers_and_tags",
        "simitra.api.schema.type_optional_choices",
    ],
}

# Scripts and styles from our own origin only. Inline style attributes are not allowed either:
# widths of bars are set from data-* attributes by static/js/simitra.js.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and not TESTING:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if env_bool("SECURE_PROXY_SSL", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Early-warning thresholds and other per-deployment knobs live in their apps' settings
# modules, each overridable here through SIMITRA_<NAME> environment variables.
