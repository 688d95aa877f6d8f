"""URL configuration."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from sangtao.api.v1 import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="backoffice/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("sangtao.office.backoffice.urls")),
]
