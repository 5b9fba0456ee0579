/**
 * The dev command is a list of steps run in order, each with a title and, if it leaves something
 * running, a way to stop it. Steps share a context they fill in (the RPC URL, the deployment, …) and
 * may add sections to the summary printed once everything is up. To add a part to the stack (serve
 * the dApp, the demo shop, build the extension), add a step: `processStep` (processStep.ts) runs a
 * long-lived program such as a dev server; a one-off task (a build) is a step without a stop.
 */
export type StackSummarySection = { title: string; lines: string[] };

export type StackContext = {
  /** Sections printed once every step has started, in the order added. */
  summary: StackSummarySection[];
  /** Prints a progress line under the current step. */
  log: (line: string) => void;
};

export type StackStep<context extends StackContext> = {
  title: string | ((context: context) => string);
  /** Does the step's work; returns a function that stops what it left running, if anything. */
  start: (context: context) => Promise<void | (() => Promise<void>)>;
};

export type StackOutput = {
  out: (text: string) => void;
  err: (text: string) => void;
};

export type RunStackParameters<context extends StackContext> = {
  steps: readonly StackStep<context>[];
  context: context;
  /** Turns a failure into the words shown to the user (no stack trace for expected failures). */
  describeFailure: (error: unknown) => string;
  output?: StackOutput | undefined;
  /** Resolves when the stack should stop; by default on Ctrl-C (SIGINT) or SIGTERM. */
  untilStopped?: (() => Promise<void>) | undefined;
};

/**
 * Starts every step, prints the summary, waits until stopped, then stops the steps in reverse order.
 * Resolves with the process exit code: 0 after a clean stop, 1 when a step failed.
 */
export async function runStack<context extends StackContext>(parameters: RunStackParameters<context>): Promise<number> {
  const { steps, context, describeFailure } = parameters;
  const output = parameters.output ?? {
    out: (text: string) => process.stdout.write(text),
    err: (text: string) => process.stderr.write(text),
  };
  const stops: { title: string; stop: () => Promise<void> }[] = [];

  // Ctrl-C while starting: finish the current step, then stop everything.
  let interrupted = false;
  const stopSignal = new Promise<void>((resolve) => {
    const onSignal = () => {
      interrupted = true;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    if (!parameters.untilStopped) {
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }
  });
  const untilStopped = parameters.untilStopped ?? (() => stopSignal);

  let failed = false;
  for (const [index, step] of steps.entries()) {
    if (interrupted) break;
    const title = typeof step.title === 'function' ? step.title(context) : step.title;
    output.out(`\n▸ [${index + 1}/${steps.length}] ${title}\n`);
    const started = Date.now();
    context.log = (line) => output.out(`    ${line}\n`);
    try {
      const stop = await step.start(context);
      if (stop) stops.push({ title, stop });
      output.out(`  ✔ ${title} (${formatDuration(Date.now() - started)})\n`);
    } catch (error) {
      output.err(`  ✖ ${title}\n\n${indent(describeFailure(error))}\n`);
      failed = true;
      break;
    }
  }

  if (!failed && !interrupted) {
    for (const section of context.summary) {
      output.out(`\n${section.title}\n${section.lines.map((line) => `  ${line}`).join('\n')}\n`);
    }
    output.out('\nPress Ctrl-C to stop.\n');
    await untilStopped();
  }

  if (stops.length > 0) output.out('\nStopping…\n');
  for (const { title, stop } of stops.reverse()) {
    try {
      await stop();
      output.out(`  ✔ stopped: ${title}\n`);
    } catch (error) {
      output.err(`  ✖ could not stop: ${title}: ${describeFailure(error)}\n`);
    }
  }
  return failed ? 1 : 0;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `    ${line}` : line))
    .join('\n');
}
