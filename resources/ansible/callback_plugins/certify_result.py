# Certify's results callback: beside whatever the stdout callback prints for people, it writes
# Ansible's own play recap and the names of the tasks that changed (or failed) as one JSON file,
# so Certify judges a run from Ansible's structured results instead of scraping its human text.
# It prints nothing; the file appears only once the play recap is reached, so a run that
# stopped early (syntax error, missing inventory, interrupted) leaves no file behind.

DOCUMENTATION = '''
    name: certify_result
    type: notification
    short_description: Writes the play recap and changed/failed task names as JSON for Certify
    description:
      - At the play recap, writes a JSON document with the per-host stats, every task that
        changed (handlers included, one entry per task and host, loops counted by item) and
        every task that failed.
      - Writes nothing when the result file is not set.
    requirements:
      - enable in configuration (callbacks_enabled)
    options:
      result_file:
        description: Where to write the JSON document (replaced atomically).
        env:
          - name: CERTIFY_ANSIBLE_RESULT
        type: path
'''

import json
import os
import tempfile
from datetime import datetime, timezone

from ansible.playbook.handler import Handler
from ansible.playbook.task_include import TaskInclude
from ansible.plugins.callback import CallbackBase

FORMAT_VERSION = 1
# A failure message is evidence for a person, not a log: long module output is cut here.
MAX_MESSAGE = 2000


def _now():
    return datetime.now(timezone.utc).isoformat(timespec='milliseconds').replace('+00:00', 'Z')


def _text(value):
    if value is None:
        return ''
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(value)


def _item_label(item_result):
    if '_ansible_item_label' in item_result:
        return _text(item_result['_ansible_item_label'])
    return _text(item_result.get('item'))


def _failure_message(result):
    """The task's own message, its stderr, and for loops the message of each failed item."""
    parts = []
    # Ansible hands callbacks a copy with no_log results already replaced by this notice.
    censored = _text(result.get('censored')).strip()
    if censored:
        parts.append(censored)
    msg = _text(result.get('msg')).strip()
    if msg:
        parts.append(msg)
    stderr = _text(result.get('stderr')).strip()
    if stderr and stderr not in parts:
        parts.append(stderr)
    for item in result.get('results') or []:
        if isinstance(item, dict) and item.get('failed'):
            item_msg = _text(item.get('msg')).strip() or _text(item.get('stderr')).strip()
            parts.append('(item=%s) %s' % (_item_label(item), item_msg))
    text = '\n'.join(parts) or 'failed without a message'
    if len(text) > MAX_MESSAGE:
        text = text[:MAX_MESSAGE - 1] + '\u2026'
    return text


def _task_fields(task):
    role = task._role.get_name() if task._role else None
    # The bare task name (the human output shows "role : name"; the role is its own field).
    name = task.name or task.action
    path = task.get_path() or None
    return {'task': _text(name), 'role': role, 'action': task.action, 'path': path}


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'notification'
    CALLBACK_NAME = 'certify_result'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, display=None, options=None):
        super().__init__(display=display, options=options)
        self._started = _now()
        self._playbook = None
        self._changed = []
        self._failed = []

    def _result_file(self):
        try:
            path = self.get_option('result_file')
        except KeyError:
            path = None
        return path or os.environ.get('CERTIFY_ANSIBLE_RESULT') or None

    def v2_playbook_on_start(self, playbook):
        if self._playbook is None:
            self._playbook = os.path.abspath(playbook._file_name)
            self._started = _now()

    def v2_runner_on_ok(self, result):
        task = result._task
        if isinstance(task, TaskInclude) or not result._result.get('changed', False):
            return
        entry = {'host': result._host.get_name()}
        entry.update(_task_fields(task))
        entry['handler'] = isinstance(task, Handler)
        # Some modules return a `results` list of their own; only a loop's is a list of items.
        items = result._result.get('results')
        looped = bool(task.loop is not None or task.loop_with)
        entry['items'] = len(items) if looped and isinstance(items, list) else None
        self._changed.append(entry)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record_failure(result, unreachable=False, ignored=bool(ignore_errors))

    def v2_runner_on_unreachable(self, result):
        self._record_failure(result, unreachable=True, ignored=False)

    def _record_failure(self, result, unreachable, ignored):
        task = result._task
        fields = _task_fields(task)
        self._failed.append({
            'host': result._host.get_name(),
            'task': fields['task'],
            'role': fields['role'],
            'path': fields['path'],
            'msg': _failure_message(result._result),
            'unreachable': unreachable,
            'ignored': ignored,
        })

    def v2_playbook_on_stats(self, stats):
        target = self._result_file()
        if target is None:
            return
        document = {
            'version': FORMAT_VERSION,
            'playbook': self._playbook,
            'started': self._started,
            'finished': _now(),
            'stats': {host: stats.summarize(host) for host in sorted(stats.processed.keys())},
            'changed': self._changed,
            'failed': self._failed,
        }
        try:
            _write_atomically(target, document)
        except OSError as error:
            # stderr only: stdout belongs to the human output. Certify reports the missing file.
            self._display.warning('certify_result: could not write %s: %s' % (target, error))


def _write_atomically(target, document):
    """Write beside the target, flush to disk, then rename: a reader sees all of it or none."""
    folder = os.path.dirname(os.path.abspath(target))
    os.makedirs(folder, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix='.certify-result-', suffix='.tmp', dir=folder)
    try:
        with os.fdopen(handle, 'w', encoding='utf-8') as out:
            json.dump(document, out, ensure_ascii=False, indent=2, default=str)
            out.write('\n')
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
