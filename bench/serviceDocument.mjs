// Generates a realistic service definition of about `lines` lines for the benchmarks: the
// header of examples/homelab/services/gitea.yml, then long `ports` and `backup` lists (the
// only unbounded parts of a definition), then test data and targets. Valid against the schema.

const HEADER = `# Certify service definition (generated for benchmarks).
name: bigservice
description: Generated service with many ports and backup items
container_id: 160               # Proxmox VMID
hostname: bigservice
ip_address: 172.16.10.60
service_port: 3000
roles: [gitea_api, postgresql_api]
deploy_playbook: playbooks/bigservice-deploy.yml
external:
  url: https://big.example.net
  health_path: /api/healthz
  expected_status: 200
dns_name: big.example.net
depends_on: [postgresql]
`;

const FOOTER = `test_data:
  populate: scripts/populate-bigservice-testdata.sh
  verify: scripts/verify-bigservice-testdata.sh
  expected: { users: 3, repositories: 5 }
targets:
  deploy_time: { target: 5m, acceptable: 10m }
  rto: { target: 900, acceptable: 1800 }
  backup_size: { target: 1GB, acceptable: 5GB }
`;

export function serviceDocument(lines) {
  const ports = ['ports:'];
  const backup = ['backup:'];
  const budget = lines - HEADER.split('\n').length - FOOTER.split('\n').length;
  let i = 0;
  while (ports.length + backup.length < budget) {
    ports.push(`  - name: port-${i}`, `    port: ${1024 + (i % 60000)}`, `    protocol: ${i % 3 === 0 ? 'udp' : 'tcp'}`);
    switch (i % 4) {
      case 0:
        backup.push('  - type: postgresql', `    database: db_${i}`, '    container_id: 150', '    format: custom');
        break;
      case 1:
        backup.push('  - type: files', `    paths: [/var/lib/app${i}/data, /srv/app${i}/uploads]`, '    docker_volume: false');
        break;
      case 2:
        backup.push('  - type: config', '    paths:', `      - /etc/app${i}/app.ini`, `      - /etc/app${i}/conf.d   # comment`);
        break;
      default:
        backup.push('  - type: redis', `    container_id: ${200 + i}`, '    rdb_path: /var/lib/redis/dump.rdb');
    }
    i += 1;
  }
  return `${HEADER}${ports.join('\n')}\n${backup.join('\n')}\n${FOOTER}`;
}
