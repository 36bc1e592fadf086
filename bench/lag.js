/**
 * The generator's own lag, weighted by time: a 1 ms timer measures each gap, and a gap of g ms
 * counts as g samples (the wait a message arriving at each of those milliseconds would see).
 * Node's monitorEventLoopDelay records a long stall as one sample, so a 60 ms pause every few
 * seconds hid under a p99 of 8 ms while it put 60 ms on the ticks it delayed.
 */
export const lag = {
	hist: new Uint32Array(1001),
	timer: null,
	start() {
		let last = performance.now();
		this.timer = setInterval(() => {
			const now = performance.now();
			const gap = Math.floor(now - last);
			last = now;
			for (let k = 1; k <= gap; k++) this.hist[Math.min(1000, gap - k)]++;
		}, 1);
	},
	stop() {
		clearInterval(this.timer);
	},
	percentile(p) {
		const total = this.hist.reduce((a, b) => a + b, 0);
		let seen = 0;
		for (let ms = 0; ms < this.hist.length; ms++) {
			seen += this.hist[ms];
			if (seen >= p * total) return ms;
		}
		return this.hist.length - 1;
	}
};
