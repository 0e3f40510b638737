/** Code that runs inside a server's child JVM, not in the caller's; JDK classes only. */
package io.stream4flow.localstack.launcher;
