"""URL configuration."""

from django.urls import include, path

from sangtao.api.v1 import api
from sangtao.office.accounts.views import LoginView, LogoutView

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("", include("sangtao.office.backoffice.urls")),
]
