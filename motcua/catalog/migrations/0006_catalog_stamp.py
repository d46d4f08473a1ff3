from typing import Any

from django.db import migrations, models


def install(apps: Any, schema_editor: Any) -> None:
    from motcua.catalog import stamp

    stamp.install(schema_editor.connection)
    apps.get_model("catalog", "CatalogStamp").objects.create(pk=1, token=0)


def uninstall(apps: Any, schema_editor: Any) -> None:
    from motcua.catalog import stamp

    stamp.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_merge_i14_i15"),
        ("catalog", "0005_i15_fee_case"),
    ]

    operations = [
        migrations.CreateModel(
            name="CatalogStamp",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "dấu thay đổi danh mục",
                "verbose_name_plural": "dấu thay đổi danh mục",
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
