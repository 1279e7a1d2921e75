/**
 * The national platform's JSON interface (国家医保信息平台接口) as a second front: the envelope, the
 * transactions by number mapped onto the settlement and visit use cases, the code tables as
 * configuration, and its HTTP server (Javalin on Jetty, with the gateway's TLS and identities).
 */
package cn.onestop.national;
