"""URL routes of the dashboard."""

from django.urls import path

from strideback.web import views

urlpatterns = [
    path("", views.today, name="today"),
]
