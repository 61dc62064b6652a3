// Wirehub's live dashboard: polls /dashboardz once a second and draws what it says. The server
// computes rates and percentiles; this script only renders. Subjects and client names come from
// clients, so they are only ever set as text, never as HTML.
(function () {
  'use strict';

  var REFRESH_MS = 1000;
  var IN = '#4fb3ff';
  var OUT = '#ffb347';
  var P99 = '#f85149';

  function byId(id) { return document.getElementById(id); }

  function human(n, units, base) {
    if (n === null || n === undefined || isNaN(n)) { return '–'; }
    var i = 0;
    while (Math.abs(n) >= base && i < units.length - 1) { n /= base; i++; }
    var digits = i === 0 || Math.abs(n) >= 100 ? 0 : 1;
    return n.toFixed(digits) + units[i];
  }
  function count(n) { return human(n, ['', 'k', 'M', 'G', 'T'], 1000); }
  function bytes(n) { return human(n, [' B', ' KiB', ' MiB', ' GiB', ' TiB'], 1024); }
  function ms(v) { return v === null || v === undefined ? '–' : (v < 1 ? v.toFixed(3) : v < 100 ? v.toFixed(2) : v.toFixed(0)); }
  function clock(epochMillis) { return new Date(epochMillis).toTimeString().slice(0, 8); }
  function last(list) { return list.length ? list[list.length - 1] : null; }

  var charts = {};

  function lineChart(id, datasets, tick, precision) {
    return new Chart(byId(id), {
      type: 'line',
      data: {
        labels: [],
        datasets: datasets.map(function (d) {
          return { label: d.label, data: [], borderColor: d.color, backgroundColor: d.color + '33',
                   fill: d.fill || false, pointRadius: 0, borderWidth: 1.5, tension: 0.2, spanGaps: d.spanGaps || false };
        })
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { labels: { color: '#d8dee6', boxWidth: 12 } } },
        scales: {
          x: { ticks: { color: '#8593a3', maxTicksLimit: 8, maxRotation: 0 }, grid: { color: '#26303b' } },
          y: { beginAtZero: true, ticks: { color: '#8593a3', callback: tick, precision: precision }, grid: { color: '#26303b' } }
        }
      }
    });
  }

  function createCharts() {
    charts.messages = lineChart('chart-messages', [{ label: 'in', color: IN, fill: true }, { label: 'out', color: OUT }], count);
    charts.bytes = lineChart('chart-bytes', [{ label: 'in', color: IN, fill: true }, { label: 'out', color: OUT }], bytes);
    charts.connections = lineChart('chart-connections', [{ label: 'open', color: IN, fill: true }], count, 0);
    charts.latency = lineChart('chart-latency', [{ label: 'p50', color: IN, spanGaps: true }, { label: 'p99', color: P99, spanGaps: true }],
      function (v) { return ms(v); });
  }

  function setSeries(chart, labels, lists) {
    chart.data.labels = labels;
    lists.forEach(function (list, i) { chart.data.datasets[i].data = list; });
    chart.update('none');
  }

  function fillTable(id, rows) {
    var body = byId(id).querySelector('tbody');
    body.replaceChildren();
    rows.forEach(function (cells) {
      var tr = document.createElement('tr');
      cells.forEach(function (cell) {
        var td = document.createElement('td');
        td.textContent = cell.text;
        if (cell.cls) { td.className = cell.cls; }
        if (cell.title) { td.title = cell.title; }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function render(d) {
    var s = d.series;
    byId('server-name').textContent = d.server_name;
    byId('server-version').textContent = 'v' + d.version;
    byId('uptime').textContent = d.uptime;
    byId('stat-in-msgs-rate').textContent = count(last(s.in_msgs_per_sec));
    byId('stat-out-msgs-rate').textContent = count(last(s.out_msgs_per_sec));
    byId('stat-in-bytes-rate').textContent = bytes(last(s.in_bytes_per_sec));
    byId('stat-out-bytes-rate').textContent = bytes(last(s.out_bytes_per_sec));
    byId('stat-connections').textContent = count(d.connections);
    byId('stat-subscriptions').textContent = count(d.subscriptions);
    byId('stat-slow-consumers').textContent = count(d.slow_consumers);
    byId('stat-msgs-total').textContent = count(d.in_msgs) + ' / ' + count(d.out_msgs);

    var labels = s.time.map(clock);
    setSeries(charts.messages, labels, [s.in_msgs_per_sec, s.out_msgs_per_sec]);
    setSeries(charts.bytes, labels, [s.in_bytes_per_sec, s.out_bytes_per_sec]);
    setSeries(charts.connections, labels, [s.connections]);
    setSeries(charts.latency, labels, [s.request_reply_p50_ms, s.request_reply_p99_ms]);

    if (d.latency.length) { byId('latency-window').textContent = d.latency[0].window_seconds; }
    fillTable('latency-table', d.latency.map(function (l) {
      return [{ text: l.label }, { text: count(l.recent_count) }, { text: ms(l.recent_p50_ms) }, { text: ms(l.recent_p90_ms) },
              { text: ms(l.recent_p99_ms) }, { text: count(l.count) }, { text: ms(l.p50_ms) }, { text: ms(l.p90_ms) },
              { text: ms(l.p99_ms) }];
    }));
    fillTable('subjects-table', d.busiest_subjects.map(function (b) {
      return [{ text: b.subject, cls: 'subject', title: b.subject }, { text: count(b.msgs) }];
    }));
    fillTable('connections-table', d.busiest_connections.map(function (c) {
      return [{ text: String(c.cid) }, { text: c.name || '', cls: 'text' }, { text: c.ip + ':' + c.port, cls: 'text' },
              { text: count(c.in_msgs_per_sec) }, { text: count(c.out_msgs_per_sec) }, { text: bytes(c.in_bytes_per_sec) },
              { text: bytes(c.out_bytes_per_sec) }, { text: count(c.in_msgs) }, { text: count(c.out_msgs) }];
    }));
    var consumers = d.consumers || [];
    byId('consumers-panel').hidden = consumers.length === 0;
    fillTable('consumers-table', consumers.map(function (c) {
      var stream = c.account === '$G' ? c.stream : c.account + ' > ' + c.stream;
      return [{ text: stream, cls: 'text' }, { text: c.consumer, cls: 'text' }, { text: c.mode, cls: 'text' },
              { text: count(c.lag), cls: c.lag > 0 ? 'lagging' : '' }, { text: count(c.ack_pending) },
              { text: count(c.redelivered) }, { text: c.mode === 'pull' ? count(c.waiting) : '–' }];
    }));
  }

  function setStatus(live, text) {
    var badge = byId('status');
    badge.textContent = text;
    badge.className = 'status-badge ' + (live ? 'status-live' : 'status-down');
  }

  function poll() {
    fetch('/dashboardz', { cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) { throw new Error('HTTP ' + r.status); }
        return r.json();
      })
      .then(function (d) {
        render(d);
        setStatus(true, 'live');
        document.body.dataset.updates = String(Number(document.body.dataset.updates) + 1);
      })
      .catch(function (e) { setStatus(false, 'unreachable: ' + e.message); })
      .finally(function () { setTimeout(poll, REFRESH_MS); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    createCharts();
    // Exposed for browser tests and for anyone poking at the page from the console.
    window.wirehubDashboard = { charts: charts };
    poll();
  });
})();
