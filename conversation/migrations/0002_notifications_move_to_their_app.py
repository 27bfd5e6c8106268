# Comment notifications and opt-outs now live in the notifications app.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('conversation', '0001_initial'),
        # The opt-outs are copied into email preferences before they go.
        ('notifications', '0002_keep_comment_email_opt_outs'),
    ]

    operations = [
        migrations.DeleteModel(name='EmailOptOut'),
        migrations.DeleteModel(name='Notification'),
    ]
