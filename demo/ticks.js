// The JSON feed: each message's parsed `json` goes into a sparkline (SVG) and a rate meter.
const socket = document.getElementById('ticks');
const line = document.querySelector('#sparkline polyline');
const values = [];
const arrivals = [];
let count = 0;

socket.addEventListener('message', (event) => {
  const {value} = event.json;
  values.push(value);
  if (values.length > 150) values.shift();
  arrivals.push(performance.now());
  count++;
  document.getElementById('tick-value').value = value.toFixed(1);
});

function draw() {
  // The vertical scale follows what is on screen, with a little room above and below.
  const low = Math.min(...values) - 1;
  const span = Math.max(...values) + 1 - low;
  const step = 300 / 149;
  line.setAttribute('points', values.map((value, i) => `${(i * step).toFixed(1)},${(78 - ((value - low) / span) * 76).toFixed(1)}`).join(' '));
  const now = performance.now();
  while (arrivals.length && arrivals[0] < now - 1000) arrivals.shift();
  document.getElementById('tick-rate').value = String(arrivals.length);
  document.getElementById('tick-count').value = String(count);
  requestAnimationFrame(draw);
}
requestAnimationFrame(draw);
