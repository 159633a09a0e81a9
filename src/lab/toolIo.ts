// What a lab program receives from its process, so tests run it in-process.

export interface ToolIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** The process's input; `pct exec` hands it to the command. Left out, the command reads nothing. */
  readonly stdin?: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
}
