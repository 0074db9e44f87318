"""Issue 11: a clinician's assessment of the standing red-flag signs."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("store", "0003_imported_files")]

    operations = [
        migrations.CreateModel(
            name="ClinicianAssessment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField()),
                ("note", models.TextField(blank=True, default="")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assessments",
                        to="store.person",
                    ),
                ),
            ],
            options={"ordering": ["created_at", "id"]},
        ),
    ]
