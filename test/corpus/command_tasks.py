#!/usr/bin/python3
"""Tasks as Ansible sees them, for the lint rules that judge a task by its module and arguments.

The oracle of test/unit/check/lint/corpusTaskRules.test.ts. Each file is loaded with
Ansible's own loader and each task (inside blocks, rescue and always too) is parsed with
Ansible's own ModuleArgsParser, the code that decides, when a play runs, which module a task
calls and with which arguments: free-form `creates=` options and the task's `args:` included.
Two kinds of task are listed:
- unchanged (no-changed-when): command, shell or raw (short, ansible.builtin. or
  ansible.legacy.) with no changed_when and neither creates nor removes;
- latest (state-latest): a package manager module (those short names, or community.general.)
  with state latest.

Usage: command_tasks.py FILE...      (or file names on stdin, one a line, when none are given)
Output: one JSON line per file: {"file": F, "tasks": [[line, column], ...],
        "unchanged": [...], "latest": [...], "unparsed": [[line, column, "why"], ...]}
        where tasks are every task's start (as Ansible's loader positions its mapping), and
        unchanged and latest the starts of the tasks of each kind.
        A file Ansible cannot load gives {"file": F, "error": "..."}.
"""
import json
import sys
import warnings

warnings.simplefilter('ignore')  # the loader's deprecation chatter is not a result

from ansible.errors import AnsibleError  # noqa: E402
from ansible.parsing.mod_args import ModuleArgsParser  # noqa: E402
from ansible.parsing.yaml.loader import AnsibleLoader  # noqa: E402

COMMANDS = {'command', 'shell', 'raw'}
PACKAGES = {'apt', 'yum', 'dnf', 'dnf5', 'package', 'pip', 'apk', 'pacman', 'zypper', 'homebrew', 'pkgng',
            'snap', 'npm', 'gem', 'yarn', 'pipx'}
CORE = ('ansible.builtin.', 'ansible.legacy.')
BLOCK_LISTS = ('block', 'rescue', 'always')


def short_name(action, collections=CORE):
    for prefix in collections:
        if action.startswith(prefix):
            return action[len(prefix):]
    return action


def position(task):
    _, line, column = task.ansible_pos
    return [line, column]


def walk(items, out):
    if not isinstance(items, list):
        return
    for task in items:
        if not isinstance(task, dict):
            continue
        if any(key in task for key in BLOCK_LISTS):
            for key in BLOCK_LISTS:
                walk(task.get(key), out)
            continue
        out['tasks'].append(position(task))
        try:
            action, args, _ = ModuleArgsParser(task_ds=dict(task)).parse(skip_action_validation=True)
        except AnsibleError as error:
            out['unparsed'].append(position(task) + [str(error).split('\n')[0]])
            continue
        if short_name(action, CORE + ('community.general.',)) in PACKAGES and args.get('state') == 'latest':
            out['latest'].append(position(task))
        if short_name(action) in COMMANDS and 'changed_when' not in task and 'creates' not in args and 'removes' not in args:
            out['unchanged'].append(position(task))


def main():
    files = sys.argv[1:] or [line.rstrip('\n') for line in sys.stdin if line.strip()]
    for name in files:
        result = {'file': name, 'tasks': [], 'unchanged': [], 'latest': [], 'unparsed': []}
        try:
            with open(name, encoding='utf-8') as stream:
                loader = AnsibleLoader(stream, name)
                try:
                    document = loader.get_single_data()
                finally:
                    loader.dispose()
        except Exception as error:  # noqa: BLE001 -- any load failure is this file's answer
            print(json.dumps({'file': name, 'error': str(error).split('\n')[0]}))
            continue
        walk(document, result)
        print(json.dumps(result))


if __name__ == '__main__':
    main()
