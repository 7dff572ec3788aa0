// The customer's signature drawn at the desk (finger, pen or mouse) on a canvas; each
// stroke puts the drawing, as a PNG, in the form's hidden "signature" field. "Clear"
// empties both. Without this script the form still works: no signature is sent.
(function () {
  "use strict";

  function pad(root) {
    const canvas = root.querySelector("canvas");
    const field = root.querySelector('input[name="signature"]');
    const ctx = canvas.getContext("2d");
    let drawing = false;
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#10233f";

    function point(event) {
      const box = canvas.getBoundingClientRect();
      return [(event.clientX - box.left) * (canvas.width / box.width),
              (event.clientY - box.top) * (canvas.height / box.height)];
    }

    canvas.addEventListener("pointerdown", (event) => {
      drawing = true;
      canvas.setPointerCapture(event.pointerId);
      const [x, y] = point(event);
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + 0.1, y + 0.1);
      ctx.stroke();
    });
    canvas.addEventListener("pointermove", (event) => {
      if (!drawing) return;
      const [x, y] = point(event);
      ctx.lineTo(x, y);
      ctx.stroke();
    });
    function end() {
      if (!drawing) return;
      drawing = false;
      field.value = canvas.toDataURL("image/png");
      root.dispatchEvent(new CustomEvent("signature-changed", { bubbles: true }));
    }
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
    root.querySelector("[data-signature-clear]").addEventListener("click", () => {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      field.value = "";
    });
  }

  document.querySelectorAll("[data-signature-pad]").forEach(pad);
})();
