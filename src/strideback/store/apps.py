from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "strideback.store"
    label = "store"
    verbose_name = "strideback store"
    default_auto_field = "django.db.models.BigAutoField"
