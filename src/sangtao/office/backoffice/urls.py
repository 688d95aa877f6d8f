"""Back office URLs."""

from django.urls import path

from sangtao.office.backoffice import views, views_indices, views_landscape, views_priorart

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("inbox/", views.inbox, name="inbox"),
    path("my/", views.my_applications, name="mine"),
    path("search/", views.search, name="search"),
    path("file/", views.file_form, name="file"),
    path("applications/<str:number>/", views.application_page, name="application"),
    path("applications/<str:number>/receipt.pdf", views.receipt, name="receipt"),
    path("applications/<str:number>/act", views.act, name="act"),
    path("applications/<str:number>/assign", views.assign_view, name="assign"),
    path("worklist/", views.worklist_view, name="worklist"),
    path("deadlines/", views.calculator, name="calculator"),
    path("messages/", views.notifications, name="notifications"),
    path("literature/", views.literature, name="literature"),
    path("applications/<str:number>/prior-art/", views.prior_art_page, name="prior_art"),
    path(
        "applications/<str:number>/prior-art.pdf",
        views_priorart.prior_art_pdf,
        name="prior_art_pdf",
    ),
    path(
        "applications/<str:number>/prior-art.json",
        views_priorart.prior_art_json,
        name="prior_art_json",
    ),
    path("landscapes/", views_landscape.landscapes, name="landscapes"),
    path(
        "landscapes/definitions/<str:definition_id>/",
        views_landscape.definition_page,
        name="landscape_definition",
    ),
    path("landscapes/runs/<str:run>/", views_landscape.run_page, name="landscape_run"),
    path(
        "landscapes/runs/<str:run>/<path:path>",
        views_landscape.run_file,
        name="landscape_file",
    ),
    path("indices/", views_indices.indices, name="indices"),
    path("indices/frameworks/<str:key>/", views_indices.framework_page, name="index_framework"),
    path("indices/runs/<str:run>/", views_indices.run_page, name="index_run"),
    path("indices/runs/<str:run>/<path:path>", views_indices.run_file, name="index_file"),
    path(
        "applications/<str:number>/approvals/<int:approval_id>",
        views.decide_view,
        name="decide",
    ),
    path(
        "applications/<str:number>/letters/<int:letter_id>.pdf",
        views.letter_pdf,
        name="letter",
    ),
    path(
        "applications/<str:number>/documents/<int:doc_id>",
        views.document,
        name="document",
    ),
]
