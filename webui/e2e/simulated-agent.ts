import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

/** A task the master launched on the simulated agent. */
export interface Launched {
  taskId: string;
  frameworkId: string;
}

/**
 * A load generator that speaks the real agent protocol (`/api/v1/agent`, JSON over a WebSocket,
 * with the cluster's agent token) and runs nothing: the test decides when each task runs,
 * changes health and finishes. The master, PostgreSQL, Kafka and the event streams it drives
 * are the real ones, so the browser sees what a busy cluster would make.
 */
export class SimulatedAgent {
  readonly launched: Launched[] = [];
  /** Updates the master recorded (acknowledged), by the state they reported. */
  readonly acknowledged: Record<string, number> = {};
  private readonly unacknowledged = new Map<string, string>();
  private socket?: WebSocket;
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly masterUrl: string,
    private readonly token: string,
    readonly hostname: string,
    private readonly resources: string,
  ) {}

  /** Connects and registers; resolves when the master has accepted the agent. */
  async start(): Promise<void> {
    const url = `${this.masterUrl.replace(/^http/, 'ws')}/api/v1/agent`;
    const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${this.token}` } });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.on('message', (raw) => {
        const event = JSON.parse(raw.toString()) as AgentEvent;
        if (event.type === 'REGISTERED') resolve();
        this.receive(event);
      });
      socket.once('open', () =>
        this.send({
          type: 'REGISTER',
          register: { hostname: this.hostname, resources: this.resources },
        }),
      );
    });
    this.heartbeat = setInterval(() => this.send({ type: 'HEARTBEAT' }), 1000);
  }

  /** Reports `state` for a task (with `healthy` for a health check's verdict). */
  update(task: Launched, state: string, healthy?: boolean) {
    const uuid = randomUUID();
    this.unacknowledged.set(uuid, state);
    this.send({
      type: 'UPDATE',
      update: {
        taskId: task.taskId,
        frameworkId: task.frameworkId,
        state,
        uuid,
        timestamp: Date.now(),
        ...(healthy === undefined ? {} : { healthy }),
        ...(state === 'TASK_FINISHED' ? { exitCode: 0 } : {}),
      },
    });
  }

  /** Updates sent that the master has not acknowledged yet. */
  get pending(): number {
    return this.unacknowledged.size;
  }

  close() {
    clearInterval(this.heartbeat);
    this.socket?.close();
  }

  private receive(event: AgentEvent) {
    if (event.type === 'RUN_TASK' && event.runTask) {
      this.launched.push({ taskId: event.runTask.taskId, frameworkId: event.runTask.frameworkId });
    } else if (event.type === 'ACKNOWLEDGED' && event.acknowledged) {
      const state = this.unacknowledged.get(event.acknowledged.uuid);
      if (state) {
        this.unacknowledged.delete(event.acknowledged.uuid);
        this.acknowledged[state] = (this.acknowledged[state] ?? 0) + 1;
      }
    } else if (event.type === 'HEARTBEAT') {
      this.send({ type: 'HEARTBEAT' });
    } else if (event.type === 'ERROR') {
      throw new Error(`the master closed the simulated agent's session: ${JSON.stringify(event)}`);
    }
  }

  private send(call: unknown) {
    this.socket?.send(JSON.stringify(call));
  }
}

interface AgentEvent {
  type: string;
  runTask?: { taskId: string; frameworkId: string };
  acknowledged?: { uuid: string };
}

/**
 * Calls `each` for `items` at `perSecond`, in ticks of 50 ms; resolves when all are done.
 */
export async function paced<T>(items: T[], perSecond: number, each: (item: T) => void) {
  const perTick = Math.max(1, Math.round(perSecond / 20));
  let next = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      for (let i = 0; i < perTick && next < items.length; i++) each(items[next++]);
      if (next >= items.length) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
  });
}
