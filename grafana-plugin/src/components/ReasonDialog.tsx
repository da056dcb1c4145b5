import { ConfirmModal, Field, TextArea } from '@grafana/ui';
import { useState } from 'react';
import { testIds } from '../constants';

/** A confirmation that asks why: the reason goes into the audit trail with the user's name. */
export function ReasonDialog(props: {
  title: string;
  description: string;
  confirmText: string;
  destructive?: boolean;
  onConfirm: (reason: string) => Promise<void>;
  onDismiss: () => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <ConfirmModal
      isOpen
      title={props.title}
      confirmText={props.confirmText}
      confirmVariant={props.destructive ? 'destructive' : 'primary'}
      disabled={reason.trim() === ''}
      body={
        <Field label="Reason" description={props.description} required>
          <TextArea
            data-testid={testIds.releases.reason}
            rows={3}
            value={reason}
            placeholder="Why? (recorded in the audit trail)"
            onChange={(event) => setReason(event.currentTarget.value)}
          />
        </Field>
      }
      onConfirm={() => props.onConfirm(reason.trim())}
      onDismiss={props.onDismiss}
    />
  );
}
