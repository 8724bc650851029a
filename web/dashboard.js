// certstatus dashboard: draws the causes-over-time chart (uPlot) and the flow graph (Mermaid) from what the
// server put in the page. Both libraries are served by certstatus from node_modules.
(function () {
  'use strict';
  var palette = ['#0b57d0', '#b3261e', '#146c2e', '#7a4a00', '#6750a4', '#006a6a', '#8c1d18', '#5f6368'];
  var data = JSON.parse(document.getElementById('dashboard-data').textContent);
  var chart = document.getElementById('causes-chart');
  var series = data.series;
  if (chart && window.uPlot) {
    if (!series.causes.length) {
      chart.textContent = 'No checks in this period.';
    } else {
      var options = {
        width: Math.max(280, Math.min(chart.clientWidth || 640, 960)),
        height: 260,
        scales: { x: { time: true } },
        axes: [{}, { label: 'checks' }],
        series: [{}].concat(series.causes.map(function (cause, i) {
          return { label: data.titles[cause] || cause, stroke: palette[i % palette.length], width: 2, points: { show: true } };
        })),
      };
      var columns = [series.times.map(function (t) { return t / 1000; })].concat(series.counts);
      new window.uPlot(options, columns, chart);
      chart.setAttribute('data-drawn', 'true');
    }
  }
  var graph = document.getElementById('flow-graph');
  if (graph && window.mermaid) {
    window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    window.mermaid.run({ nodes: [graph] }).then(function () {
      graph.setAttribute('data-drawn', 'true');
    }, function (error) {
      console.error('flow graph: ' + (error && error.message ? error.message : error));
    });
  }
})();
