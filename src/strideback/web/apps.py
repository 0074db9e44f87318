from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "strideback.web"
    label = "web"
