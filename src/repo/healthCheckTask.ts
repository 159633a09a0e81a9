// The health check Step 1 asks of every deploy role: an Ansible task that polls the service's
// HTTP endpoint until it answers 200. Written by the scaffold into a new role, and by the
// health-check quick fix into a role that lacks one.

export interface HealthCheckTask {
  /** Who is checked, as the task name says it ("Verify <who> is healthy"). */
  who: string;
  /** The URL polled, Jinja references included. */
  url: string;
  /** The variable the response is registered in. */
  register: string;
  /** Attempts, five seconds apart, before the task fails. */
  retries: number;
}

/** The task's lines, unindented (a top-level list item of a tasks file). */
export function httpHealthCheckTask(task: HealthCheckTask): string[] {
  return [
    `- name: Verify ${task.who} is healthy`,
    '  ansible.builtin.uri:',
    `    url: "${task.url}"`,
    '    method: GET',
    '    status_code: 200',
    `  register: ${task.register}`,
    `  until: ${task.register}.status == 200`,
    `  retries: ${task.retries}`,
    '  delay: 5',
  ];
}
