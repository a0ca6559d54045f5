/**
 * The base of every protocol user: it owns one client built from the class's static settings, opens it before
 * `onStart` and closes it when the user ends, so a protocol user is its settings, `createClient` and its verbs.
 * @module
 */
import type { Environment } from "../environment.ts";
import type { Events } from "../events/events.ts";
import { User, type UserClass } from "./user.ts";

/** What a protocol client needs from its user (a `User` fits): events to report to, the abort signal, the context. */
export interface ClientOwner {
  readonly environment: { readonly events: Events };
  /** Read at every operation: when it aborts, the operation stops waiting, reports nothing and rejects. */
  readonly signal: AbortSignal;
  context(): Record<string, unknown>;
}

/**
 * What a {@link ProtocolUser} calls on its client, when the client has it: `connect` before `onStart` (it may
 * report itself: a refused connect is a counted failure) and `close` when the user ends.
 */
export interface ProtocolClient {
  connect?(): unknown;
  close?(): unknown;
}

/**
 * A user that owns `this.client`, made by {@link ProtocolUser.createClient} from the class (its static settings
 * and the user's `host`). The client is opened before `onStart` and closed after the user ended — after `onStop`,
 * after a forced stop, and when `onStart` threw — so `onStart` and `onStop` overrides need not call `super`, and
 * `onStop` may still use the client.
 * @example
 * ```ts
 * export class RedisUser extends ProtocolUser<TimedRedisClient> {
 *   static override abstract = true;
 *   static url = "redis://127.0.0.1:6379";
 *   protected override createClient(settings: typeof RedisUser): TimedRedisClient {
 *     return new TimedRedisClient(this, { url: this.host ?? settings.url });
 *   }
 * }
 * ```
 */
export abstract class ProtocolUser<C extends object> extends User {
  static override abstract = true;
  /** This user's client. */
  readonly client: C;

  constructor(environment: Environment) {
    super(environment);
    this.client = this.createClient(new.target as unknown as UserClass);
  }

  /**
   * Builds the client; called once in the constructor, so it may read `this.host`, `this.environment` and
   * `settings` (the user's class, for its static settings), not fields a subclass declares. Must do no I/O.
   */
  protected abstract createClient(settings: UserClass): C;

  /** Opens the client before `onStart`; an override that checks settings first must call `super.beforeStart()`. */
  override async beforeStart(): Promise<void> {
    await (this.client as ProtocolClient).connect?.();
  }

  /** Closes the client once the user has ended; an override must call `super.dispose()`. */
  override async dispose(): Promise<void> {
    await (this.client as ProtocolClient).close?.();
  }
}

/**
 * The named static settings of a user class, inherited ones included (a spread copies only the class's own).
 * @example
 * ```ts
 * return new TimedRedisClient(this, pickSettings(settings, ["url", "timeout"]));
 * ```
 */
export function pickSettings<S extends object, K extends keyof S>(settings: S, keys: readonly K[]): Pick<S, K> {
  const picked = {} as Pick<S, K>;
  for (const key of keys) picked[key] = settings[key];
  return picked;
}
