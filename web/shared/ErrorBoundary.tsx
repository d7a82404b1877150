import { Component, type ReactNode } from 'react';
import { Button, Result } from 'antd';

type Props = {
  children: ReactNode;
  /** A new value (the next page) clears a shown error. */
  resetKey: string;
  /** Texts in the app's language: the heading and the reload button. */
  title: string;
  reloadText: string;
};

/**
 * Why a screen could not render, with a reload: after an upgrade an open tab asks for files that are
 * gone, and a reload fixes that. Shared by the console and the help centre.
 */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidUpdate(previous: Props) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }
  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Result
        status="warning"
        title={this.props.title}
        subTitle={error.message}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {this.props.reloadText}
          </Button>
        }
      />
    );
  }
}
