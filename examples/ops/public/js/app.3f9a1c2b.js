// A name with a content hash: served with `Cache-Control: public, max-age=31536000, immutable`.
document.body.dataset.loaded = 'yes'
