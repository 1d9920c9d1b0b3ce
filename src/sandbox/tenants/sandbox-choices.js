// What both fixture tenants share because it is the sandbox's own choice, not a product's: no vendor
// page states a limit, a lifetime or the captcha's geometry, for EIAM or for CIAM.

/**
 * Attempts, lockout and lifetimes. `maxCodeAttempts` is the number of wrong SMS or email codes after
 * which a sent code is spent and a new one must be sent: the vendor's pages state no such limit, so
 * this one is the sandbox's own, there so that a code cannot be guessed by trying them all.
 */
export const limits = Object.freeze({
  maxPasswordAttempts: 5,
  maxCodeAttempts: 5,
  lockMinutes: 30,
  codeValidityMinutes: 5,
  stateTokenValidityMinutes: 10,
  captchaValidityMinutes: 2,
  captchaTokenValidityMinutes: 5,
});

/**
 * The slider captcha: picture sizes in pixels, and where the gap is. The gap is fixed so that flows
 * and frontend teams can solve it: slide to x = gap.x (y is the vendor's fixed 5.0), give or take
 * `tolerance` pixels. It is the x of the contract's examples.
 */
export const captcha = Object.freeze({ width: 310, height: 155, piece: 47, gap: Object.freeze({ x: 237, y: 62 }), tolerance: 5 });
