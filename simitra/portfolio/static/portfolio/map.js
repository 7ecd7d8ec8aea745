// The portfolio map: provinces drawn as vector shapes (no tiles, nothing from outside the
// server), coloured by a measure from the page's JSON endpoint, and a table of the same figures
// that the keyboard reaches. Clicking a province (or a row of the table) reloads the page with
// that area as its filter. See simitra/portfolio/templatetags/area_map.py.
(function () {
  "use strict";

  // A sequential single-hue scale (blues, light to dark): ordered by lightness, so it reads for
  // every kind of colour vision; areas with nothing are a light grey.
  var COLOURS = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
  // With fewer steps, ones far apart on the scale, so that neighbours stay easy to tell apart.
  var PALETTES = {
    1: [3],
    2: [1, 4],
    3: [0, 2, 4],
    4: [0, 1, 3, 4],
    5: [0, 1, 2, 3, 4],
  };
  var ZERO = "#f1f5f9";
  var lang = (document.documentElement.lang || "id").indexOf("en") === 0 ? "en" : "id";
  var numbers = new Intl.NumberFormat(lang === "en" ? "en-GB" : "id-ID");
  var compact = new Intl.NumberFormat(lang === "en" ? "en-GB" : "id-ID", {
    notation: "compact",
    maximumFractionDigits: 1,
  });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return values[key] !== undefined ? values[key] : "";
    });
  }

  function money(currency, total) {
    try {
      return new Intl.NumberFormat(lang === "en" ? "en-GB" : "id-ID", {
        style: "currency",
        currency: currency,
        maximumFractionDigits: 0,
      }).format(Number(total));
    } catch (error) {
      return currency + " " + numbers.format(Number(total));
    }
  }

  function measureOf(row, measure) {
    if (!row) return 0;
    if (measure === "warnings") return row.levels ? row.levels.red + row.levels.amber : 0;
    if (measure === "pledged") {
      var sum = 0;
      (row.pledged || []).forEach(function (p) {
        if (p.currency === "IDR") sum += Number(p.total);
      });
      return sum;
    }
    return row.partnerships;
  }

  // Equal steps from 0 to the largest value, at most five (fewer when the largest count is
  // smaller than five).
  function scaleFor(max, measure) {
    var steps = measure === "pledged" ? 5 : Math.max(1, Math.min(5, Math.ceil(max)));
    return {
      steps: steps,
      max: max,
      colour: function (index) {
        return index < 0 ? ZERO : COLOURS[PALETTES[steps][index]];
      },
      classOf: function (value) {
        if (!(value > 0) || !(max > 0)) return -1;
        return Math.min(steps - 1, Math.ceil((value / max) * steps) - 1);
      },
      bounds: function (i) {
        return [(max * i) / steps, (max * (i + 1)) / steps];
      },
    };
  }

  function format(value, measure) {
    return measure === "pledged" ? compact.format(value) : numbers.format(Math.round(value));
  }

  function areaUrl(params, extra) {
    var query = new URLSearchParams(window.location.search);
    ["province", "regency", "page"].forEach(function (name) {
      query.delete(name);
    });
    new URLSearchParams(extra || "").forEach(function (value, name) {
      query.set(name, value);
    });
    Object.keys(params).forEach(function (name) {
      query.set(name, params[name]);
    });
    var text = query.toString();
    return window.location.pathname + (text ? "?" + text : "");
  }

  function AreaMap(section) {
    this.section = section;
    this.labels = JSON.parse(document.getElementById(section.dataset.labels).textContent);
    this.extra = section.dataset.extra || "";
    var query = new URLSearchParams(window.location.search);
    this.selected = query.get("province") || "";
    this.selectedRegency = query.get("regency") || "";
    this.select = section.querySelector("#area-map-measure");
    this.measure = this.select ? this.select.value : "partnerships";
    this.status = section.querySelector(".area-map-status");
  }

  AreaMap.prototype.load = function () {
    var self = this;
    var get = function (url) {
      return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        });
    };
    Promise.all([get(this.section.dataset.shapesUrl), get(this.section.dataset.dataUrl)])
      .then(function (results) {
        self.shapes = results[0];
        self.data = results[1];
        self.byProvince = {};
        self.data.provinces.forEach(function (row) {
          self.byProvince[row.code] = row;
        });
        self.names = {};
        self.shapes.features.forEach(function (f) {
          self.names[f.id] = f.properties.name;
        });
        self.data.provinces.forEach(function (row) {
          self.names[row.code] = row.name;
        });
        self.draw();
        self.table();
        self.section.dataset.ready = "1";
      })
      .catch(function () {
        self.status.textContent = self.labels.failed;
        self.section.dataset.ready = "failed";
      });
    if (this.select) {
      this.select.addEventListener("change", function () {
        self.measure = self.select.value;
        self.recolour();
        self.table();
      });
    }
  };

  AreaMap.prototype.draw = function () {
    var self = this;
    var canvas = this.section.querySelector(".area-map-canvas");
    var map = L.map(canvas, {
      attributionControl: true,
      keyboard: false, // the table is the keyboard's way in
      scrollWheelZoom: false,
      zoomSnap: 0.25,
      minZoom: 3,
      maxZoom: 9,
    });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth");
    this.map = map;
    this.layer = L.geoJSON(this.shapes, {
      style: function (feature) {
        return self.styleOf(feature);
      },
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(function () {
          return self.tooltip(feature.id);
        }, { sticky: true });
        layer.on("click", function () {
          window.location.assign(areaUrl({ province: feature.id }, self.extra));
        });
        layer.on("add", function () {
          var path = layer.getElement();
          if (path) path.setAttribute("data-code", feature.id);
        });
      },
    }).addTo(map);
    var fit = function () {
      map.invalidateSize();
      map.fitBounds(self.layer.getBounds(), { padding: [4, 4] });
    };
    fit();
    window.addEventListener("resize", fit);
    this.recolour();
  };

  AreaMap.prototype.styleOf = function (feature) {
    var value = measureOf(this.byProvince[feature.id], this.measure);
    var index = this.scale ? this.scale.classOf(value) : -1;
    var chosen = feature.id === this.selected;
    // A chosen province without a shape of its own: the one its ground is drawn inside, dashed.
    var row = this.byProvince[this.selected];
    var around = !chosen && row && row.shape === false && row.inside === feature.id;
    return {
      color: chosen || around ? "#111827" : "#64748b",
      weight: chosen || around ? 2.5 : 0.6,
      dashArray: around ? "4 3" : null,
      fillColor: this.scale ? this.scale.colour(index) : ZERO,
      fillOpacity: 1,
    };
  };

  AreaMap.prototype.tooltip = function (code) {
    var row = this.byProvince[code];
    var box = el("div");
    box.appendChild(el("strong", null, this.names[code] || code));
    var measure = this.labels.measures[this.measure];
    box.appendChild(el("div", null, measure + ": " + format(measureOf(row, this.measure), this.measure)));
    return box;
  };

  AreaMap.prototype.recolour = function () {
    var self = this;
    var max = 0;
    this.data.provinces.forEach(function (row) {
      max = Math.max(max, measureOf(row, self.measure));
    });
    this.scale = scaleFor(max, this.measure);
    if (this.layer) {
      this.layer.setStyle(function (feature) {
        return self.styleOf(feature);
      });
    }
    this.legend();
  };

  AreaMap.prototype.legend = function () {
    var box = this.section.querySelector(".area-map-legend");
    box.textContent = "";
    box.appendChild(el("span", "me-2 fw-semibold", this.labels.measures[this.measure] + ":"));
    var item = function (colour, text) {
      var entry = el("span", "area-map-key me-2 text-nowrap");
      var swatch = el("span", "area-map-swatch");
      swatch.style.backgroundColor = colour;
      entry.appendChild(swatch);
      entry.appendChild(document.createTextNode(text));
      box.appendChild(entry);
    };
    item(ZERO, "0");
    for (var i = 0; i < this.scale.steps && this.scale.max > 0; i++) {
      var b = this.scale.bounds(i);
      var low = this.measure === "pledged" ? b[0] : Math.floor(b[0]) + 1;
      var high = b[1];
      var text = format(high, this.measure);
      if (this.measure === "pledged" || low < Math.round(high)) {
        text = (this.measure === "pledged" ? "> " + format(low, this.measure) + " – " : format(low, this.measure) + "–") + text;
      }
      item(this.scale.colour(i), text);
    }
  };

  AreaMap.prototype.table = function () {
    var self = this;
    var labels = this.labels;
    var box = this.section.querySelector(".area-map-table");
    box.textContent = "";
    var privateFigures = "warnings" in labels.measures;
    var rows;
    var title;
    if (this.selected) {
      var back = el("a", "small d-inline-block mb-1", "← " + labels.all_provinces);
      back.href = areaUrl({}, this.extra);
      box.appendChild(back);
      var province = this.byProvince[this.selected];
      title = fill(labels.regencies_of, { name: this.names[this.selected] || this.selected });
      rows = this.data.regencies.filter(function (row) {
        return row.province === self.selected;
      });
      if (province) rows = [province].concat(rows);
    } else {
      title = labels.province;
      rows = this.data.provinces.slice();
    }
    var measure = this.measure;
    var sorted = rows.slice(this.selected && this.byProvince[this.selected] ? 1 : 0);
    sorted.sort(function (a, b) {
      return measureOf(b, measure) - measureOf(a, measure) || a.name.localeCompare(b.name);
    });
    if (this.selected && this.byProvince[this.selected]) sorted.unshift(rows[0]);

    var wrap = el("div", "table-responsive");
    var table = el("table", "table table-sm small align-middle mb-1 area-map-rows");
    table.appendChild(el("caption", "caption-top fw-semibold text-body", title));
    var head = el("tr");
    [labels.area, labels.partnerships].concat(privateFigures ? [labels.warnings] : []).forEach(function (text, i) {
      var th = el("th", i ? "text-end" : null, text);
      th.scope = "col";
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody");
    var marked = false;
    sorted.forEach(function (row) {
      var tr = el("tr");
      var isProvince = row.province === undefined;
      var current = isProvince ? row.code === self.selected && !self.selectedRegency : row.code === self.selectedRegency;
      if (current) tr.className = "table-active";
      var th = el("th");
      th.scope = "row";
      var params = isProvince ? { province: row.code } : { province: row.province, regency: row.code };
      var link = el("a", null, row.name);
      link.href = areaUrl(params, self.extra);
      link.dataset.code = row.code;
      if (current) link.setAttribute("aria-current", "true");
      th.appendChild(link);
      if (isProvince && row.shape === false) {
        marked = true;
        th.appendChild(document.createTextNode(" †"));
        var note = el("div", "fw-normal text-body-secondary", fill(labels.no_shape, { name: self.names[row.inside] || row.inside || "" }));
        th.appendChild(note);
      }
      if (privateFigures && row.pledged.length) {
        th.appendChild(el("div", "fw-normal text-body-secondary", labels.pledged + ": " + row.pledged.map(function (p) {
          return money(p.currency, p.total);
        }).join(", ")));
      }
      tr.appendChild(th);
      tr.appendChild(el("td", "text-end", numbers.format(row.partnerships)));
      if (privateFigures) {
        tr.appendChild(el("td", "text-end text-nowrap", numbers.format(row.levels.red) + " / " + numbers.format(row.levels.amber)));
      }
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    if (sorted.length) box.appendChild(wrap);
    if (this.selected && !this.data.regencies.some(function (row) { return row.province === self.selected; })) {
      box.appendChild(el("p", "small text-body-secondary mb-1", labels.no_regency));
    }
    if (!this.selected && !sorted.length) box.appendChild(el("p", "small text-body-secondary mb-1", labels.none));
    if (marked) box.appendChild(el("p", "small text-body-secondary mb-1", labels.no_shape_note));
    if (this.data.unplaced) {
      box.appendChild(el("p", "small text-body-secondary mb-0", fill(labels.unplaced, { count: numbers.format(this.data.unplaced) })));
    }
  };

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof L === "undefined") return;
    document.querySelectorAll("[data-area-map]").forEach(function (section) {
      new AreaMap(section).load();
    });
  });
})();
