// One clock for the whole Discord stand-in: ids, timestamps and token expiry all move together, and tests can
// jump it forward (advanceClock) to expire interactions without waiting.

const DISCORD_EPOCH = 1_420_070_400_000n;

export class StandinClock {
	private offset = 0;
	private increment = 0;

	now(): number {
		return Date.now() + this.offset;
	}

	advance(ms: number): void {
		this.offset += ms;
	}

	snowflake(at = this.now()): string {
		this.increment = (this.increment + 1) % 4096;
		return String(((BigInt(Math.floor(at)) - DISCORD_EPOCH) << 22n) | BigInt(this.increment));
	}
}
