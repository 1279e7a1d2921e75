/** The national flow's stores on MariaDB: visits, fee details and the message journal (V30). */
package cn.onestop.visitstore;
