"""Dispatch attachments become `core.attachments.StoredFile`s: the upload time is `uploaded_at`
(renamed, values kept), the user's file name is kept, and the size may be unknown."""

import phoihop.core.attachments
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0003_dispatch_incident"),
    ]

    operations = [
        migrations.RenameField(
            model_name="dispatchattachment", old_name="created_at", new_name="uploaded_at"
        ),
        migrations.AlterField(
            model_name="dispatchattachment",
            name="uploaded_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="tải lên lúc"),
        ),
        migrations.AddField(
            model_name="dispatchattachment",
            name="original_name",
            field=models.CharField(default="", max_length=255, verbose_name="tên tệp gốc"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="dispatchattachment",
            name="content_type",
            field=models.CharField(max_length=100, verbose_name="loại tệp"),
        ),
        migrations.AlterField(
            model_name="dispatchattachment",
            name="file",
            field=models.FileField(
                upload_to=phoihop.core.attachments.upload_path, verbose_name="tệp"
            ),
        ),
        migrations.AlterField(
            model_name="dispatchattachment",
            name="size",
            field=models.PositiveBigIntegerField(
                blank=True, null=True, verbose_name="dung lượng (byte)"
            ),
        ),
        migrations.AlterField(
            model_name="dispatchattachment",
            name="title",
            field=models.CharField(max_length=255, verbose_name="tên tài liệu"),
        ),
    ]
