package dev.contrail.application;

import java.util.Objects;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Many command calls as one Axon unit of work in one transaction (ADR 0020, ADR 0034). Each command is dispatched
 * and handled as it is sent, by an aggregate that sees the events of the earlier ones, but Axon queues the events of
 * the nested units of work on the root: they are stored together, one round trip and one commit for the whole batch.
 * All or nothing: when a call or the commit fails, nothing is stored and the failure is thrown; the caller may then
 * make the same calls one by one to find the one that fails.
 */
public final class CommandBatch {

    private final TransactionManager transactions;

    /** Without a transaction manager: a batch is still one unit of work, but has no transaction of its own (tests). */
    public CommandBatch() {
        this(NoTransactionManager.INSTANCE);
    }

    public CommandBatch(TransactionManager transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** Runs {@code calls} (which send commands with {@code sendAndWait}) as one unit of work; returns when it is committed. */
    public void together(String description, Runnable calls) {
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage(description));
        unit.attachTransaction(transactions);
        unit.execute(calls);
    }
}
