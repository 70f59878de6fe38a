/**
 * Accounts in the cluster database: address rules, Argon2id password hashes, the admin API
 * ({@link org.slotmail.cluster.accounts.Accounts}) and the login directory that slots and
 * proxies read ({@link org.slotmail.cluster.accounts.ClusterAccountDirectory}).
 */
package org.slotmail.cluster.accounts;
