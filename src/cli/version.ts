// Certify's version, as the CLI and SARIF report it. Kept equal to package.json's (a test checks).
export const VERSION = '0.1.0';
