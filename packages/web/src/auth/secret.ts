/** "JBSW Y3DP EHPK 3PXP": groups of four are easier to type from a screen into a phone. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}
