package org.htscreen.wire;

import org.apache.avro.Schema;

/** Where writer schemas of the Confluent wire format are looked up by id and registered by subject. */
public interface SchemaRegistry {

    /**
     * The schema with this id.
     *
     * @throws RegistryException when the id is unknown, the content is not an Avro schema, or the registry cannot be reached
     */
    Schema schema(int id) throws RegistryException;

    /**
     * Registers a schema under a subject (or finds it registered already) and returns its id.
     *
     * @throws RegistryException when the registry refuses it or cannot be reached
     */
    int register(String subject, Schema schema) throws RegistryException;
}
