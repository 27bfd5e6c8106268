"""The Communications review becomes a peer review: nobody approves their own guide.

The group approval task made by 0002 is retired (renamed and made inactive,
so the history of reviews it took part in stays) and the workflow's only
step becomes a `PeerApprovalTask` for the same group.
"""

import django.db.models.deletion
from django.db import migrations, models

WORKFLOW_NAME = "Communications review"
TASK_NAME = "Communications approval"
RETIRED_NAME = "Communications approval (before peer review)"
COMMUNICATORS = "Communicators"


def use_peer_approval(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    PeerApprovalTask = apps.get_model("guides", "PeerApprovalTask")

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    old = Task.objects.filter(name=TASK_NAME, content_type__model="groupapprovaltask").first()
    content_type, _ = ContentType.objects.get_or_create(
        app_label="guides", model="peerapprovaltask"
    )
    task = PeerApprovalTask.objects.create(name=TASK_NAME, content_type=content_type, active=True)
    task.groups.set(Group.objects.filter(name=COMMUNICATORS))
    if old is not None:
        Task.objects.filter(pk=old.pk).update(name=RETIRED_NAME, active=False)
        WorkflowTask.objects.filter(workflow=workflow, task_id=old.pk).update(task=task)
    else:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


def use_group_approval(apps, schema_editor):
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    PeerApprovalTask = apps.get_model("guides", "PeerApprovalTask")

    old = Task.objects.filter(name=RETIRED_NAME).first()
    for task in PeerApprovalTask.objects.filter(name=TASK_NAME):
        if old is not None:
            WorkflowTask.objects.filter(task_id=task.pk).update(task=old)
        task.delete()
    if old is not None:
        Task.objects.filter(pk=old.pk).update(name=TASK_NAME, active=True)


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('guides', '0002_guides_index_and_review'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='PeerApprovalTask',
            fields=[
                ('task_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.task')),
                ('groups', models.ManyToManyField(help_text='Pages/snippets at this step in a workflow will be moderated or approved by these groups of users', to='auth.group', verbose_name='groups')),
            ],
            options={
                'verbose_name': 'peer approval task',
                'verbose_name_plural': 'peer approval tasks',
            },
            bases=('wagtailcore.task',),
        ),
        migrations.RunPython(use_peer_approval, use_group_approval),
    ]
