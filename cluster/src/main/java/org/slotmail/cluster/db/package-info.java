/**
 * The cluster database: the control plane's records in one SQLite file under the data
 * directory, shared by every process on the machine, with its schema kept by Flyway migrations
 * that PostgreSQL can run unchanged.
 */
package org.slotmail.cluster.db;
