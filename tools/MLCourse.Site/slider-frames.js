// A slider chart (Charts.Slider in MLCourse.Notebooks) shows one frame at a time, so a reader who
// skims or prints the page sees only the first. Under each slider chart the site also draws every
// frame, small, two a row where they fit, each with its own title (the frame's part of the title
// that the slider's step sets), as static plots. check-site.mjs checks that every step is drawn.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".output.chart .js-plotly-plot").forEach(function (plot) {
    var sliders = plot.layout && plot.layout.sliders;
    if (!sliders || sliders.length === 0 || plot.closest(".slider-frames") !== null) return;
    var steps = sliders[0].steps || [];
    var frames = document.createElement("div");
    frames.className = "slider-frames";
    var caption = document.createElement("p");
    caption.className = "slider-frames-caption";
    caption.textContent = "Every step of the slider above (" + steps.length + "):";
    frames.appendChild(caption);
    plot.insertAdjacentElement("afterend", frames);

    var room = plot.parentElement.clientWidth || 912;
    var width = plot.layout.width || 700;
    var height = (plot.layout.height || 450) - 90;                 // less the slider's room
    var scale = Math.min(1, (room / 2 - 8) / width);
    var margin = plot.layout.margin || {};
    steps.forEach(function (step, k) {
      var visible = step.args[0].visible;
      var data = plot.data.map(function (trace, i) {
        return Object.assign({}, trace, { visible: visible[i] });
      });
      var title = (step.args[1] && step.args[1]["title.text"]) || step.label;
      var own = title.indexOf("<span");
      var layout = JSON.parse(JSON.stringify(plot.layout));
      delete layout.sliders;
      layout.title = { text: own >= 0 ? title.slice(own) : step.label, font: { size: 13 } };
      layout.width = Math.round(width * scale);
      layout.height = Math.round(height * scale);
      layout.margin = {
        l: Math.max(10, Math.round((margin.l === undefined ? 80 : margin.l) * scale)),
        r: Math.max(10, Math.round((margin.r === undefined ? 80 : margin.r) * scale)),
        t: Math.max(40, Math.round((margin.t === undefined ? 100 : margin.t) * scale)),
        b: Math.max(10, Math.round(((margin.b === undefined ? 170 : margin.b) - 90) * scale)),
      };
      var frame = document.createElement("div");
      frame.className = "slider-frame";
      frames.appendChild(frame);
      Plotly.newPlot(frame, data, layout, { staticPlot: true, displayModeBar: false });
    });
  });
});
