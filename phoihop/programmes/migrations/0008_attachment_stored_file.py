"""Programme attachments become `core.attachments.StoredFile`s like dispatch attachments: the
upload time is `uploaded_at` (renamed, values kept), and each keeps the user's file name, its
content type and its size (filled for existing rows by the next migration)."""

import phoihop.core.attachments
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0007_regime_review_defaults"),
    ]

    operations = [
        migrations.RenameField(model_name="attachment", old_name="created_at", new_name="uploaded_at"),
        migrations.AlterField(
            model_name="attachment",
            name="uploaded_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="tải lên lúc"),
        ),
        migrations.AlterModelOptions(
            name="attachment",
            options={
                "ordering": ["-uploaded_at"],
                "verbose_name": "tài liệu đính kèm",
                "verbose_name_plural": "tài liệu đính kèm",
            },
        ),
        migrations.AddField(
            model_name="attachment",
            name="original_name",
            field=models.CharField(default="", max_length=255, verbose_name="tên tệp gốc"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="attachment",
            name="content_type",
            field=models.CharField(default="", max_length=100, verbose_name="loại tệp"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="attachment",
            name="size",
            field=models.PositiveBigIntegerField(
                blank=True, null=True, verbose_name="dung lượng (byte)"
            ),
        ),
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=models.FileField(
                upload_to=phoihop.core.attachments.upload_path, verbose_name="tệp"
            ),
        ),
    ]
