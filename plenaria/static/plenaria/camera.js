// Credentialing: read the registration QR code with the phone's camera, where the
// browser can (BarcodeDetector). Elsewhere the block stays hidden and the code is
// typed or read by a USB reader into the same field.
(function () {
  "use strict";
  const box = document.querySelector("[data-camera]");
  if (!box || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  const form = box.closest("section").querySelector("form");
  const input = form.querySelector("input[name=code]");
  const video = box.querySelector("[data-camera-view]");
  const status = box.querySelector("[data-camera-status]");
  box.hidden = false;

  box.querySelector("[data-camera-start]").addEventListener("click", async function () {
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (error) {
      status.textContent = box.dataset.denied;
      return;
    }
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    status.textContent = box.dataset.reading;
    const scan = async function () {
      const codes = await detector.detect(video).catch(function () { return []; });
      if (codes.length) {
        stream.getTracks().forEach(function (track) { track.stop(); });
        input.value = codes[0].rawValue;
        form.submit();
        return;
      }
      window.requestAnimationFrame(scan);
    };
    scan();
  });
})();
